package io.snn4j.neurons;

/** Membrane reset after a spike (SPEC §2): hard {@code v = h·(1 − s)} or soft {@code v = h − θ·s}. */
public enum ResetMode {
    /** {@code v[t] = h[t]·(1 − s[t])} (reset to 0; TET, SpikingJelly's default with v_reset = 0). */
    HARD,
    /** {@code v[t] = h[t] − θ·s[t]} (reset by subtraction; IMP slides, snnTorch "subtract"). */
    SOFT
}
