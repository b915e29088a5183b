package io.snn4j.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.snn4j.core.autograd.BufferPool;
import io.snn4j.core.autograd.GradMode;
import io.snn4j.core.autograd.Tensor;

/** Modules applied in order; children are named {@code 0, 1, 2, ...}. */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    public Sequential(List<? extends Module> modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module; returns this. */
    public final Sequential add(Module m) {
        registerModule(Integer.toString(layers.size()), m);
        layers.add(m);
        return this;
    }

    /** Replaces layer {@code i} (same name {@code "i"}); returns this. */
    public final Sequential set(int i, Module m) {
        if (i < 0 || i >= layers.size()) {
            throw new IllegalArgumentException("Sequential: no layer " + i + " (size " + layers.size() + ")");
        }
        replaceModule(Integer.toString(i), m);
        layers.set(i, m);
        return this;
    }

    public Module get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    public List<Module> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * The layers in order. Without recording ({@link GradMode#noGrad()}: inference), each activation this sequence
     * produced is given back to the {@link BufferPool} once the next layer has consumed it, so that repeated
     * inference forwards run on the same memory instead of fresh pages; {@code x} and the result are never given
     * back, nor an activation the next layer's output shares a buffer with.
     */
    @Override
    public Tensor forward(Tensor x) {
        boolean recycle = !GradMode.isEnabled();
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            Tensor in = h;
            h = layers.get(i).forward(in);
            if (recycle && i > 0 && in != h) {
                BufferPool.recycle(in.value(), h.value(), x.value());
            }
        }
        return h;
    }
}
