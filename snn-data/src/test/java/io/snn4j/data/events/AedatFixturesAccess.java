package io.snn4j.data.events;

/** Test helper: exposes {@link AedatFixtures} to tests in other packages. */
public final class AedatFixturesAccess {
    private AedatFixturesAccess() {
    }

    public static byte[] concat(byte[]... parts) {
        return AedatFixtures.concat(parts);
    }
}
