package io.snn4j.neurons.kernel;

import org.nd4j.linalg.factory.Nd4j;

/** The ND4J backend a fused kernel runs on; arrays of one backend are only read by its kernels. */
public enum Backend {
    /** ND4J's native CPU backend (oneDNN build). */
    CPU,
    /** ND4J's CUDA backend. */
    CUDA;

    /** The backend ND4J loaded in this JVM. */
    public static Backend current() {
        return Nd4j.getEnvironment().isCPU() ? CPU : CUDA;
    }
}
