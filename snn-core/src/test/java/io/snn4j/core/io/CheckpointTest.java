package io.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import io.snn4j.core.autograd.Tensor;
import io.snn4j.core.nn.Init;
import io.snn4j.core.optim.Adam;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.optim.ParamGroups;
import io.snn4j.core.optim.Sgd;
import io.snn4j.core.rng.SplitMix64;
import io.snn4j.core.train.TinyMlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointTest {
    @TempDir
    Path dir;

    static TinyMlp model(long seed, long hidden) {
        return new TinyMlp(4, hidden, 2, DataType.FLOAT, new SplitMix64(seed));
    }

    static Optimizer optimizer(boolean adam, TinyMlp m) {
        return adam ? new Adam(ParamGroups.splitWeightDecay(m, 1e-2), Adam.Options.of(1e-2))
                : new Sgd(ParamGroups.splitWeightDecay(m, 1e-2), Sgd.Options.builder().lr(0.1).momentum(0.9).nesterov(true).build());
    }

    /** One training step on a batch drawn from {@code data}. */
    static void trainStep(TinyMlp m, Optimizer opt, SplitMix64 data) {
        Tensor x = Tensor.constant(Init.normal(DataType.FLOAT, new long[] {5, 4}, 0, 1, data));
        Tensor y = Tensor.constant(Init.uniform(DataType.FLOAT, new long[] {5, 2}, -1, 1, data));
        opt.zeroGrad();
        TinyMlp.mse(m.forward(x), y).backward();
        opt.step();
    }

    /** Exact bit patterns (plus dtype and shape) of every entry. */
    static Map<String, String> bits(Map<String, INDArray> state) {
        Map<String, String> out = new LinkedHashMap<>();
        state.forEach((k, a) -> {
            INDArray f = a.dup('c').reshape(new long[] {a.length()});
            String v = switch (a.dataType()) {
                case FLOAT -> Arrays.toString(Arrays.stream(box(f.toFloatVector())).map(Float::floatToRawIntBits).toArray());
                case DOUBLE -> Arrays.toString(Arrays.stream(f.toDoubleVector()).mapToLong(Double::doubleToRawLongBits).toArray());
                default -> Arrays.toString(f.toLongVector());
            };
            out.put(k, a.dataType() + Arrays.toString(a.shape()) + v);
        });
        return out;
    }

    static Float[] box(float[] f) {
        Float[] b = new Float[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = f[i];
        }
        return b;
    }

    @Test
    void resumedTrainingIsBitIdenticalToAnUninterruptedRun() throws IOException {
        for (boolean adam : new boolean[] {true, false}) {
            int k = 7;
            int n = 6;
            TinyMlp ref = model(1, 8);
            Optimizer refOpt = optimizer(adam, ref);
            SplitMix64 refData = new SplitMix64(99);
            for (int i = 0; i < k + n; i++) {
                trainStep(ref, refOpt, refData);
            }

            TinyMlp a = model(1, 8);
            Optimizer aOpt = optimizer(adam, a);
            SplitMix64 aData = new SplitMix64(99);
            for (int i = 0; i < k; i++) {
                trainStep(a, aOpt, aData);
            }
            Path file = dir.resolve(adam ? "adam.ckpt" : "sgd.ckpt");
            Checkpoint.builder().model(a).optimizer(aOpt).epoch(3).globalStep(k).rngState("data", aData)
                    .rngState("negative", -5L).metadata("note", "tiny \"mlp\"\n").build().save(file);

            Checkpoint ck = Checkpoint.load(file);
            assertEquals(bits(a.stateDict()), bits(ck.modelState()));
            assertEquals(bits(aOpt.stateDict()), bits(ck.optimizerState()));
            assertEquals(3, ck.epoch());
            assertEquals(k, ck.globalStep());
            assertEquals(aData.state(), ck.rngState("data"));
            assertEquals(-5L, ck.rngState("negative"));
            assertEquals(Map.of("note", "tiny \"mlp\"\n"), ck.metadata());
            assertEquals(file, ck.source());

            TinyMlp b = model(12345, 8); // different initial weights, overwritten by the checkpoint
            Optimizer bOpt = optimizer(adam, b);
            SplitMix64 bData = new SplitMix64(0);
            ck.applyTo(b, bOpt);
            bData.setState(ck.rngState("data"));
            assertEquals(k, bOpt.stepCount());
            for (int i = 0; i < n; i++) {
                trainStep(b, bOpt, bData);
            }
            assertEquals(bits(ref.stateDict()), bits(b.stateDict()), adam ? "Adam" : "SGD");
            assertEquals(bits(refOpt.stateDict()), bits(bOpt.stateDict()));
        }
    }

    @Test
    void allSupportedTypesAndShapesRoundTrip() throws IOException {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("f", Nd4j.createFromArray(new float[][] {{1.5f, -0f}, {Float.NaN, Float.MIN_VALUE}}));
        state.put("d", Nd4j.createFromArray(Math.PI, Double.NEGATIVE_INFINITY, -0.0));
        state.put("i", Nd4j.createFromArray(new int[][][] {{{1, -2, Integer.MAX_VALUE}}}));
        state.put("l", Nd4j.createFromArray(Long.MIN_VALUE, 7L));
        state.put("scalar", Nd4j.scalar(DataType.DOUBLE, 2.25));
        state.put("view", Nd4j.arange(12).castTo(DataType.FLOAT).reshape(3, 4).transpose()); // non-c-order view
        state.put("empty", Nd4j.create(DataType.FLOAT, 0, 3));
        Path file = dir.resolve("types.ckpt");
        Checkpoint.builder().modelState(state).build().save(file);
        Checkpoint ck = Checkpoint.load(file);
        assertEquals(bits(state), bits(ck.modelState()));
        assertEquals(0, ck.modelState().get("scalar").rank());
        assertEquals(null, ck.optimizerType());
        assertTrue(ck.optimizerState().isEmpty());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.builder().modelState(Map.of("b", Nd4j.createFromArray(true))).build());
        assertTrue(ex.getMessage().contains("'b'") && ex.getMessage().contains("BOOL"), ex.getMessage());
    }

    @Test
    void arraysLargerThanOneWriteRoundTripAcrossChunkBoundaries() throws IOException {
        int floats = 2 * Checkpoint.CHUNK_BYTES / 4 + 3;
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("f", Nd4j.rand(DataType.FLOAT, 3, floats / 3));
        state.put("d", Nd4j.rand(DataType.DOUBLE, floats));
        state.put("l", Nd4j.arange(floats).castTo(DataType.LONG).muli(-7919L));
        state.put("i", Nd4j.arange(floats).castTo(DataType.INT).muli(31));
        state.put("view", Nd4j.rand(DataType.FLOAT, 3, floats / 3).transpose());   // not c-ordered: copied first
        INDArray rows = Nd4j.rand(DataType.FLOAT, 2, floats);
        state.put("row0", rows.getRow(0));   // a dense view at offset 0: written from its buffer
        state.put("row1", rows.getRow(1));   // at an offset: copied first
        Path file = dir.resolve("large.ckpt");
        Checkpoint.builder().modelState(state).build().save(file);
        Map<String, INDArray> loaded = Checkpoint.load(file).modelState();
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            INDArray got = loaded.get(e.getKey());
            assertEquals(e.getValue().dataType(), got.dataType(), e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            // first differing element only, not the whole array, in a failure message
            assertArrayEquals(e.getValue().castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                    got.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0.0, e.getKey());
        }
    }

    @Test
    void aFailedSaveLeavesThePreviousCheckpointIntact() throws IOException {
        TinyMlp m = model(1, 8);
        Path file = dir.resolve("ck.bin");
        Checkpoint.builder().model(m).epoch(1).build().save(file);
        byte[] before = Files.readAllBytes(file);

        m.fc1.weight.value().addi(1.0f);
        Checkpoint next = Checkpoint.builder().model(m).epoch(2).build();
        IOException ex = assertThrows(IOException.class, () -> next.save(file, (i, name) -> {
            if (i == 2) {
                throw new IOException("simulated crash after writing " + name);
            }
        }));
        assertTrue(ex.getMessage().contains("simulated crash"));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1, Checkpoint.load(file).epoch());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file must be deleted");
        }
        assertThrows(IllegalStateException.class, () -> next.save(file, (i, name) -> {
            throw new IllegalStateException("unchecked failure");
        }));
        assertArrayEquals(before, Files.readAllBytes(file));
        // and a successful save replaces it
        next.save(file);
        assertEquals(2, Checkpoint.load(file).epoch());
    }

    Path saved() throws IOException {
        Path file = dir.resolve("model.ckpt");
        TinyMlp m = model(1, 8);
        Checkpoint.builder().model(m).optimizer(optimizer(true, m)).rngState("data", 42).build().save(file);
        return file;
    }

    static CheckpointFormatException assertCorrupt(Path file, long offset, String... fragments) {
        CheckpointFormatException ex = assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(file));
        String msg = ex.getMessage();
        assertTrue(msg.startsWith(file.toString()), msg);
        assertTrue(msg.contains("byte offset " + offset), msg);
        assertEquals(offset, ex.offset());
        for (String f : fragments) {
            assertTrue(msg.contains(f), "'" + msg + "' should contain '" + f + "'");
        }
        return ex;
    }

    @Test
    void truncatedFilesAreReportedWithFileAndOffset() throws IOException {
        Path file = saved();
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length - 10));
        assertCorrupt(file, b.length - 10, "truncated", b.length + " bytes were expected");
        Files.write(file, Arrays.copyOf(b, 10));
        assertCorrupt(file, 10, "24-byte header");
        byte[] longer = Arrays.copyOf(b, b.length + 3);
        Files.write(file, longer);
        assertCorrupt(file, b.length, "3 unexpected bytes");
    }

    @Test
    void aFlippedByteFailsTheCrc() throws IOException {
        Path file = saved();
        byte[] b = Files.readAllBytes(file);
        for (int pos : new int[] {b.length - 20, 40}) { // in the data section, in the manifest
            byte[] c = b.clone();
            c[pos] ^= 0x10;
            Files.write(file, c);
            assertCorrupt(file, b.length - 4, "CRC32 mismatch");
        }
    }

    @Test
    void wrongMagicAndVersionAreRejected() throws IOException {
        Path file = saved();
        byte[] b = Files.readAllBytes(file);
        byte[] c = b.clone();
        c[0] = 'X';
        Files.write(file, c);
        assertCorrupt(file, 0, "expected magic 'SNN4JCKP'");
        c = b.clone();
        c[8] = 9;
        Files.write(file, c);
        assertCorrupt(file, 8, "expected format version 1 but found 9");
    }

    /** Builds a file by hand from a manifest and data bytes, independently of the writer. */
    static byte[] handMade(String manifest, byte[] data) {
        byte[] json = manifest.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(24 + json.length + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("SNN4JCKP".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(json.length).putLong(data.length);
        b.put(json).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    @Test
    void handWrittenFileFollowsTheDocumentedFormat() throws IOException {
        Path file = dir.resolve("hand.ckpt");
        byte[] data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(2f).putLong(5).array();
        String entries = "[{\"name\":\"model/w\",\"dtype\":\"FLOAT\",\"shape\":[2],\"offset\":0,\"byteLength\":8},"
                + "{\"name\":\"optimizer/step_count\",\"dtype\":\"LONG\",\"shape\":[],\"offset\":8,\"byteLength\":8}]";
        String manifest = "{\"format\":\"snn4j-checkpoint\",\"epoch\":4,\"globalStep\":100,\"optimizerType\":\"x.Y\","
                + "\"rng\":{\"data\":\"-1\"},\"metadata\":{},\"entries\":" + entries + "}";
        Files.write(file, handMade(manifest, data));
        Checkpoint ck = Checkpoint.load(file);
        assertArrayEquals(new float[] {1f, 2f}, ck.modelState().get("w").toFloatVector());
        assertEquals(5L, ck.optimizerState().get("step_count").getLong(0));
        assertEquals(4, ck.epoch());
        assertEquals(-1L, ck.rngState("data"));

        String shifted = manifest.replace("\"offset\":8", "\"offset\":12");
        Files.write(file, handMade(shifted, data));
        assertCorrupt(file, 24 + shifted.length() + 12, "'optimizer/step_count'", "outside the 16-byte data section");
        Files.write(file, handMade(manifest.replace("\"byteLength\":8}]", "\"byteLength\":4}]"), data));
        assertCorrupt(file, 24, "expected byteLength 8");
        Files.write(file, handMade(manifest.replace("\"format\":\"snn4j-checkpoint\",", ""), data));
        assertCorrupt(file, 24, "format");
        Files.write(file, handMade("{\"format\":", data));
        assertCorrupt(file, 24, "not valid JSON");
    }

    @Test
    void aModelOfAnotherShapeFailsNamingTheParameterAndBothShapes() throws IOException {
        Path file = saved();
        Checkpoint ck = Checkpoint.load(file);
        TinyMlp other = model(5, 6);
        Map<String, String> before = bits(other.stateDict());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ck.applyTo(other, null));
        assertTrue(ex.getMessage().contains("'fc1.weight'") && ex.getMessage().contains("[8, 4]")
                && ex.getMessage().contains("[6, 4]") && ex.getMessage().contains(file.toString()), ex.getMessage());
        assertEquals(before, bits(other.stateDict()), "nothing may be loaded when the shapes differ");
        // Module.loadStateDict itself reports the same (the brief's contract)
        IllegalArgumentException ex2 = assertThrows(IllegalArgumentException.class,
                () -> other.loadStateDict(ck.modelState(), true));
        assertTrue(ex2.getMessage().contains("fc1.weight") && ex2.getMessage().contains("[8, 4]") && ex2.getMessage().contains("[6, 4]"));

        TinyMlp same = model(5, 8);
        IllegalArgumentException ex3 = assertThrows(IllegalArgumentException.class,
                () -> ck.applyTo(same, new Sgd(same.parameters(), Sgd.Options.builder().build())));
        assertTrue(ex3.getMessage().contains(Adam.class.getName()) && ex3.getMessage().contains(Sgd.class.getName()), ex3.getMessage());
        Checkpoint noOpt = Checkpoint.builder().model(same).build();
        assertThrows(IllegalArgumentException.class, () -> noOpt.applyTo(same, optimizer(true, same)));
        assertFalse(ck.optimizerState().isEmpty());
    }
}
