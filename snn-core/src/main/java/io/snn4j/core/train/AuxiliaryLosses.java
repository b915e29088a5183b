package io.snn4j.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.AuxiliaryLoss;
import io.snn4j.core.nn.Module;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The auxiliary loss terms of a model ({@link AuxiliaryLoss} modules, e.g. MPE-PSN's membrane loss) and the
 * weighted total {@code (1 − λ)·L_task + λ·Σ_modules L_aux} (MPE-PSN, docs/spec.md §5, with λ = λmem).
 */
public final class AuxiliaryLosses {
    private AuxiliaryLosses() {
    }

    /** The terms the last forward pass recorded, in module-tree order (empty when there are none). */
    public static List<Tensor> collect(Module model) {
        List<Tensor> out = new ArrayList<>();
        for (Module m : model.namedModules().values()) {
            if (m instanceof AuxiliaryLoss a) {
                Tensor t = a.auxiliaryLoss();
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /**
     * {@code (1 − λ)·taskLoss + λ·Σ aux} (MPE-PSN, docs/spec.md §5) as one recorded op; the result has the shape and data
     * type of {@code taskLoss}. An empty list leaves {@code (1 − λ)·taskLoss}.
     */
    public static Tensor mix(Tensor taskLoss, List<Tensor> aux, double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("auxiliary loss weight lambda must be in [0, 1], got " + lambda);
        }
        if (taskLoss == null) {
            throw new IllegalArgumentException("auxiliary loss mix: the task loss must not be null");
        }
        if (aux == null) {
            throw new IllegalArgumentException("auxiliary loss mix: the auxiliary losses must not be null (pass an empty list)");
        }
        if (taskLoss.length() != 1) {
            throw new IllegalArgumentException("auxiliary loss mix: the task loss must be a scalar, got shape "
                    + Arrays.toString(taskLoss.shape()));
        }
        DataType dt = taskLoss.dataType();
        Tensor[] inputs = new Tensor[aux.size() + 1];
        inputs[0] = taskLoss;
        double sum = 0.0;
        for (int i = 0; i < aux.size(); i++) {
            Tensor m = aux.get(i);
            if (m == null) {
                throw new IllegalArgumentException("auxiliary loss mix: auxiliary loss " + i + " is null");
            }
            if (m.length() != 1) {
                throw new IllegalArgumentException("auxiliary loss mix: auxiliary loss " + i + " must be a scalar, got shape "
                        + Arrays.toString(m.shape()));
            }
            if (m.dataType() != dt) {
                throw new IllegalArgumentException("auxiliary loss mix: auxiliary loss " + i + " is " + m.dataType()
                        + " but the task loss is " + dt);
            }
            sum += m.item();
            inputs[i + 1] = m;
        }
        double value = (1.0 - lambda) * taskLoss.item() + lambda * sum;
        INDArray out = Nd4j.zeros(dt, taskLoss.shape()).addi(value);
        return Tensor.record("auxiliaryLossMix", out, g -> {
            double seed = g[0].getDouble(0);
            INDArray[] grads = new INDArray[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                double c = i == 0 ? 1.0 - lambda : lambda;
                grads[i] = inputs[i].requiresGrad() ? Nd4j.zeros(dt, inputs[i].shape()).addi(seed * c) : null;
            }
            return grads;
        }, inputs);
    }
}
