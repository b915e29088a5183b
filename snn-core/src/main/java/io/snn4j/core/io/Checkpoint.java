package io.snn4j.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

import io.snn4j.core.autograd.ShapeOps;
import io.snn4j.core.nn.Module;
import io.snn4j.core.optim.Optimizer;
import io.snn4j.core.rng.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training checkpoint in the single-file {@code SNN4JCKP} format (docs/checkpoints.md): model
 * parameters and buffers, optimizer state, epoch, global step, named RNG states and string
 * metadata, with a CRC32 over the whole file and crash-safe (write-to-temp, fsync, atomic rename)
 * saving.
 *
 * <pre>{@code
 * Checkpoint.builder().model(model).optimizer(opt).epoch(e).globalStep(step)
 *         .rngState("data", dataRng).metadata("arch", "tiny").build().save(path);
 * Checkpoint ck = Checkpoint.load(path);
 * ck.applyTo(model, opt);
 * dataRng.setState(ck.rngState("data"));
 * }</pre>
 *
 * <p>Instances are immutable: the builder copies the arrays and the accessors return read-only
 * maps of arrays that callers must not modify.
 */
public final class Checkpoint {
    /** The first eight bytes of every checkpoint file (ASCII). */
    public static final String MAGIC = "SNN4JCKP";
    /** The format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    static final int HEADER_BYTES = 24;
    static final int CRC_BYTES = 4;
    private static final String MODEL_PREFIX = "model/";
    private static final String OPTIMIZER_PREFIX = "optimizer/";

    private final Map<String, INDArray> modelState;
    private final Map<String, INDArray> optimizerState;
    private final String optimizerType;
    private final int epoch;
    private final long globalStep;
    private final Map<String, Long> rngStates;
    private final Map<String, String> metadata;
    private final Path source;

    private Checkpoint(Map<String, INDArray> modelState, Map<String, INDArray> optimizerState, String optimizerType,
            int epoch, long globalStep, Map<String, Long> rngStates, Map<String, String> metadata, Path source) {
        this.modelState = Collections.unmodifiableMap(modelState);
        this.optimizerState = Collections.unmodifiableMap(optimizerState);
        this.optimizerType = optimizerType;
        this.epoch = epoch;
        this.globalStep = globalStep;
        this.rngStates = Collections.unmodifiableMap(rngStates);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.source = source;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the contents of a checkpoint; {@link #build()} copies the arrays. */
    public static final class Builder {
        private final Map<String, INDArray> model = new LinkedHashMap<>();
        private final Map<String, INDArray> optimizer = new LinkedHashMap<>();
        private String optimizerType;
        private int epoch;
        private long globalStep;
        private final Map<String, Long> rng = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** The model's {@link Module#stateDict()} (parameters and buffers). */
        public Builder model(Module m) {
            return modelState(m.stateDict());
        }

        public Builder modelState(Map<String, INDArray> state) {
            model.clear();
            model.putAll(state);
            return this;
        }

        /** The optimizer's {@link Optimizer#stateDict()} and its class (checked by {@link #applyTo}). */
        public Builder optimizer(Optimizer opt) {
            return optimizerState(opt.getClass().getName(), opt.stateDict());
        }

        public Builder optimizerState(String type, Map<String, INDArray> state) {
            optimizerType = type;
            optimizer.clear();
            optimizer.putAll(state);
            return this;
        }

        /** The epoch to resume at (the caller's convention: completed epochs, usually). */
        public Builder epoch(int e) {
            epoch = e;
            return this;
        }

        /** The global step (optimizer iterations) to resume at. */
        public Builder globalStep(long s) {
            globalStep = s;
            return this;
        }

        public Builder rngState(String name, long state) {
            rng.put(name, state);
            return this;
        }

        public Builder rngState(String name, SplitMix64 generator) {
            return rngState(name, generator.state());
        }

        public Builder metadata(String key, String value) {
            if (value == null) {
                throw new IllegalArgumentException("metadata '" + key + "' must not be null");
            }
            metadata.put(key, value);
            return this;
        }

        public Checkpoint build() {
            for (Map.Entry<String, INDArray> e : model.entrySet()) {
                elementSize(e.getValue().dataType(), "model entry '" + e.getKey() + "'");
            }
            for (Map.Entry<String, INDArray> e : optimizer.entrySet()) {
                elementSize(e.getValue().dataType(), "optimizer entry '" + e.getKey() + "'");
            }
            return new Checkpoint(copy(model), copy(optimizer), optimizerType, epoch, globalStep,
                    new LinkedHashMap<>(rng), new LinkedHashMap<>(metadata), null);
        }

        private static Map<String, INDArray> copy(Map<String, INDArray> m) {
            Map<String, INDArray> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, v.dup('c')));
            return out;
        }
    }

    // ---------------------------------------------------------------- accessors

    /** Model parameters and buffers by dotted name (read-only; do not modify the arrays). */
    public Map<String, INDArray> modelState() {
        return modelState;
    }

    /** Optimizer state (empty when the checkpoint has none). */
    public Map<String, INDArray> optimizerState() {
        return optimizerState;
    }

    /** Class name of the optimizer that saved {@link #optimizerState()}, or null. */
    public String optimizerType() {
        return optimizerType;
    }

    public int epoch() {
        return epoch;
    }

    public long globalStep() {
        return globalStep;
    }

    public Map<String, Long> rngStates() {
        return rngStates;
    }

    /** The saved state of RNG {@code name}; throws if there is none. */
    public long rngState(String name) {
        Long s = rngStates.get(name);
        if (s == null) {
            throw new IllegalArgumentException("checkpoint has no RNG state '" + name + "' (has " + rngStates.keySet() + ")");
        }
        return s;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The file this checkpoint was loaded from, or null if it was built in memory. */
    public Path source() {
        return source;
    }

    // ---------------------------------------------------------------- applying

    /**
     * Loads the model state (strict: same keys) and, if {@code opt} is non-null, the optimizer
     * state. Everything is checked before anything is changed: a missing/unexpected key or a shape
     * mismatch (message names the entry and both shapes) leaves model and optimizer untouched.
     */
    public void applyTo(Module model, Optimizer opt) {
        String where = source == null ? "checkpoint" : "checkpoint " + source;
        Map<String, INDArray> own = model.stateDict();
        for (Map.Entry<String, INDArray> e : modelState.entrySet()) {
            INDArray target = own.get(e.getKey());
            if (target != null && !Arrays.equals(target.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException(where + ": cannot load '" + e.getKey() + "': checkpoint shape "
                        + Arrays.toString(e.getValue().shape()) + " but the model has shape " + Arrays.toString(target.shape()));
            }
        }
        if (!own.keySet().equals(modelState.keySet())) {
            model.loadStateDict(modelState, true); // throws, naming missing and unexpected keys
        }
        if (opt != null) {
            if (optimizerType == null) {
                throw new IllegalArgumentException(where + " has no optimizer state");
            }
            if (!optimizerType.equals(opt.getClass().getName())) {
                throw new IllegalArgumentException(where + " holds state of " + optimizerType
                        + " but the optimizer is " + opt.getClass().getName());
            }
            opt.loadStateDict(optimizerState); // validates everything before changing anything
        }
        model.loadStateDict(modelState, true);
    }

    // ---------------------------------------------------------------- saving

    /** Called after each entry's bytes are written (tests use it to simulate a crash mid-save). */
    @FunctionalInterface
    interface WriteHook {
        void afterEntry(int index, String name) throws IOException;
    }

    /**
     * Writes the checkpoint crash-safely: to a temporary file in the same directory, forced to disk,
     * then atomically renamed over {@code path}; the directory is synced where the platform allows.
     * If anything fails, the temporary file is deleted and a previous file at {@code path} is intact;
     * an I/O error (e.g. a full disk) is rethrown with a message naming {@code path}. Temporary files
     * that an earlier, interrupted save of the same {@code path} left behind are deleted first, and a
     * JVM that shuts down (e.g. on Ctrl-C) during the save deletes the temporary file.
     */
    public void save(Path path) throws IOException {
        save(path, null);
    }

    void save(Path path, WriteHook hook) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new IOException("cannot save checkpoint " + target + ": it is a directory (expected a file path)");
        }
        Path tmp;
        try {
            Files.createDirectories(dir);
            deleteStaleTemporaryFiles(target);
            tmp = Files.createTempFile(dir, tempPrefix(target), TEMP_SUFFIX);
        } catch (IOException e) {
            throw saveFailed(target, e);
        }
        Thread cleanup = new Thread(() -> deleteQuietly(tmp), "snn4j-checkpoint-tmp-cleanup");
        boolean hooked = addShutdownHook(cleanup);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                write(ch, hook);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot save " + target + " atomically: the file system does not support atomic "
                        + "rename in " + dir, e);
            }
            moved = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw saveFailed(target, e);
        } finally {
            if (!moved) {
                deleteQuietly(tmp);
            }
            if (hooked) {
                removeShutdownHook(cleanup);
            }
        }
    }

    private static final String TEMP_SUFFIX = ".tmp";

    /** Prefix of the temporary files of saves to {@code target}: ".NAME." (then random digits, then ".tmp"). */
    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Deletes temporary files of earlier saves to {@code target} that did not finish (a killed JVM
     * cannot clean up after itself). Only names of the exact form ".NAME.DIGITS.tmp" that
     * {@link Files#createTempFile} gives are touched.
     */
    private static void deleteStaleTemporaryFiles(Path target) throws IOException {
        String prefix = tempPrefix(target);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target.getParent(), p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX)
                    && n.substring(prefix.length(), n.length() - TEMP_SUFFIX.length()).matches("[0-9]+");
        })) {
            for (Path stale : ds) {
                deleteQuietly(stale);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the original error (or the save itself) matters more
        }
    }

    private static boolean addShutdownHook(Thread t) {
        try {
            Runtime.getRuntime().addShutdownHook(t);
            return true;
        } catch (IllegalStateException e) {
            return false; // already shutting down: nothing to register
        }
    }

    private static void removeShutdownHook(Thread t) {
        try {
            Runtime.getRuntime().removeShutdownHook(t);
        } catch (IllegalStateException ignored) {
            // shutting down: the hook runs and deletes a temporary file that no longer exists
        }
    }

    /** An I/O error of a save, with a message that names the checkpoint (the JDK's often does not). */
    private static IOException saveFailed(Path target, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains(target.toString())) {
            return e;
        }
        return new IOException("cannot save checkpoint " + target + ": " + msg, e);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not possible on every platform (e.g. Windows); the rename itself is still atomic
        }
    }

    private void write(FileChannel ch, WriteHook hook) throws IOException {
        List<String> names = new ArrayList<>();
        List<INDArray> arrays = new ArrayList<>();
        modelState.forEach((k, v) -> {
            names.add(MODEL_PREFIX + k);
            arrays.add(v);
        });
        optimizerState.forEach((k, v) -> {
            names.add(OPTIMIZER_PREFIX + k);
            arrays.add(v);
        });
        List<Object> entries = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < names.size(); i++) {
            INDArray a = arrays.get(i);
            long len = a.length() * elementSize(a.dataType(), names.get(i));
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", names.get(i));
            e.put("dtype", a.dataType().name());
            List<Object> shape = new ArrayList<>();
            for (long s : a.shape()) {
                shape.add(s);
            }
            e.put("shape", shape);
            e.put("offset", offset);
            e.put("byteLength", len);
            entries.add(e);
            offset += len;
        }
        long dataLength = offset;
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "snn4j-checkpoint");
        manifest.put("epoch", (long) epoch);
        manifest.put("globalStep", globalStep);
        manifest.put("optimizerType", optimizerType);
        Map<String, Object> rng = new LinkedHashMap<>();
        rngStates.forEach((k, v) -> rng.put(k, Long.toString(v)));
        manifest.put("rng", rng);
        manifest.put("metadata", new LinkedHashMap<>(metadata));
        manifest.put("entries", entries);
        byte[] json = Json.write(manifest).getBytes(StandardCharsets.UTF_8);

        CRC32 crc = new CRC32();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(FORMAT_VERSION).putInt(json.length).putLong(dataLength);
        header.flip();
        writeAll(ch, header, crc);
        writeAll(ch, ByteBuffer.wrap(json), crc);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);   // one for every array
        for (int i = 0; i < arrays.size(); i++) {
            writeArray(ch, arrays.get(i), crc, chunk);
            if (hook != null) {
                hook.afterEntry(i, names.get(i));
            }
        }
        ByteBuffer tail = ByteBuffer.allocate(CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        tail.putInt((int) crc.getValue()).flip();
        writeAll(ch, tail, null);
    }

    private static void writeAll(FileChannel ch, ByteBuffer b, CRC32 crc) throws IOException {
        if (crc != null) {
            crc.update(b.duplicate());
        }
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    static int elementSize(DataType t, String what) {
        switch (t) {
            case FLOAT:
            case INT:
                return 4;
            case DOUBLE:
            case LONG:
                return 8;
            default:
                throw new IllegalArgumentException(what + ": data type " + t
                        + " is not supported in checkpoints (FLOAT, DOUBLE, INT, LONG)");
        }
    }

    /**
     * Bytes per write of an array: well below half of G1's smallest region (512 KiB), so that saving never puts a
     * humongous object on the Java heap.
     */
    static final int CHUNK_BYTES = 1 << 16;

    /**
     * Writes {@code a}'s elements in row-major order as little-endian values, {@link #CHUNK_BYTES} at a time, straight
     * from its buffer (a dense c-ordered array is not copied). Encoding a whole tensor first made a {@code byte[]} and
     * a {@code float[]} of its size on the Java heap: for SEW-ResNet-18 with Adam about 270 MB of humongous objects per
     * save, which G1 then keeps resident.
     */
    private static void writeArray(FileChannel ch, INDArray a, CRC32 crc, ByteBuffer chunk) throws IOException {
        int n = Math.toIntExact(a.length());
        if (n == 0) {
            return;
        }
        INDArray c = ShapeOps.isDense(a) ? a : a.dup('c');
        DataType type = a.dataType();
        int width = elementSize(type, "array");
        int per = CHUNK_BYTES / width;
        Buffer src = nio(c);
        for (int at = 0; at < n; at += per) {
            int len = Math.min(per, n - at);
            chunk.clear();
            Buffer part = src.slice(at, len);
            switch (type) {
                case FLOAT -> chunk.asFloatBuffer().put((FloatBuffer) part);
                case DOUBLE -> chunk.asDoubleBuffer().put((DoubleBuffer) part);
                case INT -> chunk.asIntBuffer().put((IntBuffer) part);
                default -> chunk.asLongBuffer().put((LongBuffer) part);
            }
            chunk.limit(len * width);
            writeAll(ch, chunk, crc);
        }
    }

    // ---------------------------------------------------------------- loading

    /**
     * Reads and validates a checkpoint: magic, version, the declared sizes against the file size,
     * the CRC32, the manifest, and that every entry lies inside the data section and matches its
     * dtype and shape. Problems raise {@link CheckpointFormatException} naming the file and offset.
     */
    public static Checkpoint load(Path path) throws IOException {
        try (FileChannel ch = open(path)) {
            return read(path, ch);
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException e) {
            throw named(path, e);
        }
    }

    /**
     * Reads from {@code ch} in {@link #CHUNK_BYTES} pieces: the CRC over the whole file first, then each entry
     * straight into its array (the file is never held whole in memory: a {@code byte[]} of it was a humongous object
     * that stayed resident in the Java heap for the rest of a resumed run).
     */
    private static Checkpoint read(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < HEADER_BYTES) {
            throw new CheckpointFormatException(path, size, "file ends after " + size + " bytes; expected a "
                    + HEADER_BYTES + "-byte header starting with " + MAGIC);
        }
        ByteBuffer buf = readAt(ch, 0, HEADER_BYTES);
        byte[] magic = new byte[8];
        buf.get(0, magic);
        if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
            throw new CheckpointFormatException(path, 0, "expected magic '" + MAGIC + "' but found bytes " + hex(magic));
        }
        int version = buf.getInt(8);
        if (version != FORMAT_VERSION) {
            throw new CheckpointFormatException(path, 8, "expected format version " + FORMAT_VERSION + " but found " + version);
        }
        long manifestLength = Integer.toUnsignedLong(buf.getInt(12));
        long dataLength = buf.getLong(16);
        if (dataLength < 0) {
            throw new CheckpointFormatException(path, 16, "negative data-section length " + dataLength);
        }
        long expected = HEADER_BYTES + manifestLength + dataLength + CRC_BYTES; // no overflow: data < 2^63 - 2^33
        if (size < expected) {
            throw new CheckpointFormatException(path, size, "file is truncated: it ends at byte offset " + size
                    + " but the header declares a " + manifestLength + "-byte manifest and a " + dataLength
                    + "-byte data section, so " + expected + " bytes were expected");
        }
        if (size > expected) {
            throw new CheckpointFormatException(path, expected, (size - expected)
                    + " unexpected bytes after the CRC32 (expected the file to end at byte offset " + expected + ")");
        }
        long crcOffset = expected - CRC_BYTES;
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);   // the CRC's, then the entries'
        for (long at = 0; at < crcOffset; at += chunk.limit()) {
            chunk.clear().limit((int) Math.min(CHUNK_BYTES, crcOffset - at));
            readFully(ch, chunk, at);
            crc.update(chunk.flip());
        }
        long stored = Integer.toUnsignedLong(readAt(ch, crcOffset, CRC_BYTES).getInt(0));
        if (stored != crc.getValue()) {
            throw new CheckpointFormatException(path, crcOffset, String.format(
                    "CRC32 mismatch: expected 0x%08x (stored) but the preceding %d bytes hash to 0x%08x; the file is corrupt",
                    stored, crcOffset, crc.getValue()));
        }
        String json = new String(readAt(ch, HEADER_BYTES, (int) manifestLength).array(), StandardCharsets.UTF_8);
        Object parsed;
        try {
            parsed = Json.parse(json, "manifest");
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(path, HEADER_BYTES, "manifest (starting here) is not valid JSON: " + e.getMessage());
        }
        ManifestReader m = new ManifestReader(path);
        Map<String, Object> root = m.object(parsed, "manifest");
        if (!"snn4j-checkpoint".equals(root.get("format"))) {
            throw m.error("expected manifest field format = \"snn4j-checkpoint\" but found " + root.get("format"));
        }
        long epoch = m.integer(root, "epoch");
        if (epoch < Integer.MIN_VALUE || epoch > Integer.MAX_VALUE) {
            throw m.error("epoch " + epoch + " does not fit an int");
        }
        long globalStep = m.integer(root, "globalStep");
        Object ot = root.get("optimizerType");
        if (ot != null && !(ot instanceof String)) {
            throw m.error("expected optimizerType to be a string or null");
        }
        Map<String, Long> rng = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.object(root.get("rng"), "rng").entrySet()) {
            try {
                rng.put(e.getKey(), Long.parseLong((String) e.getValue()));
            } catch (ClassCastException | NumberFormatException ex) {
                throw m.error("expected rng." + e.getKey() + " to be a decimal 64-bit integer string but found " + e.getValue());
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.object(root.get("metadata"), "metadata").entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw m.error("expected metadata." + e.getKey() + " to be a string");
            }
            metadata.put(e.getKey(), s);
        }
        Object entriesObj = root.get("entries");
        if (!(entriesObj instanceof List<?> entries)) {
            throw m.error("expected an entries array");
        }
        long dataStart = HEADER_BYTES + manifestLength;
        Map<String, INDArray> model = new LinkedHashMap<>();
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Object eo : entries) {
            Map<String, Object> e = m.object(eo, "entry");
            Object nameObj = e.get("name");
            if (!(nameObj instanceof String name)) {
                throw m.error("entry without a string name");
            }
            if (!seen.add(name)) {
                throw m.error("duplicate entry '" + name + "'");
            }
            DataType dtype;
            try {
                dtype = DataType.valueOf(String.valueOf(e.get("dtype")));
                elementSize(dtype, name);
            } catch (IllegalArgumentException ex) {
                throw m.error("entry '" + name + "': expected dtype FLOAT, DOUBLE, INT or LONG but found " + e.get("dtype"));
            }
            if (!(e.get("shape") instanceof List<?> shapeList)) {
                throw m.error("entry '" + name + "': expected a shape array");
            }
            long[] shape = new long[shapeList.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                    throw m.error("entry '" + name + "': shape " + shapeList + " must hold non-negative integers");
                }
                shape[i] = d;
                count = count == 0 ? 0 : Math.min(count, dataLength + 1) * Math.min(d, dataLength + 1);
            }
            // count is clamped to dataLength + 1 so it cannot overflow; byteLength <= dataLength is checked below
            long expectedBytes = count > dataLength ? -1 : count * elementSize(dtype, name);
            long offset = m.integer(e, "offset");
            long byteLength = m.integer(e, "byteLength");
            if (expectedBytes < 0 || expectedBytes > dataLength) {
                throw m.error("entry '" + name + "': shape " + Arrays.toString(shape) + " of " + dtype + " needs more bytes than the "
                        + dataLength + "-byte data section holds");
            }
            if (byteLength != expectedBytes) {
                throw m.error("entry '" + name + "': expected byteLength " + expectedBytes + " for "
                        + dtype + " " + Arrays.toString(shape) + " but found " + byteLength);
            }
            if (offset < 0 || offset > dataLength || byteLength > dataLength - offset) {
                throw new CheckpointFormatException(path, dataStart + Math.max(0, offset), "entry '" + name
                        + "' (data-section bytes " + offset + ".." + (offset + byteLength) + ") lies outside the "
                        + dataLength + "-byte data section");
            }
            INDArray arr = decode(ch, dataStart + offset, dtype, shape, (int) count, chunk);
            if (name.startsWith(MODEL_PREFIX)) {
                model.put(name.substring(MODEL_PREFIX.length()), arr);
            } else if (name.startsWith(OPTIMIZER_PREFIX)) {
                optimizer.put(name.substring(OPTIMIZER_PREFIX.length()), arr);
            } else {
                throw m.error("entry '" + name + "': expected a name starting with " + MODEL_PREFIX + " or " + OPTIMIZER_PREFIX);
            }
        }
        return new Checkpoint(model, optimizer, (String) ot, (int) epoch, globalStep, rng, metadata, path);
    }

    /**
     * The checkpoint file opened for reading, after the checks that need no content: a directory is named as such
     * (the JDK's "Is a directory" does not name the path), and a file above the 2 GiB limit is refused.
     */
    private static FileChannel open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("cannot load checkpoint " + path + ": it is a directory (expected a checkpoint file, "
                    + "e.g. " + path.resolve("last.ckpt") + ")");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 16) {
            ch.close();
            throw new CheckpointFormatException(path, 0, "file of " + size + " bytes is larger than the 2 GiB a "
                    + "checkpoint can hold");
        }
        return ch;
    }

    /** An I/O error of a load, with a message that names the checkpoint (the JDK's often does not). */
    private static IOException named(Path path, IOException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.contains(path.toString()) ? e : new IOException("cannot load checkpoint " + path + ": " + msg, e);
    }

    /**
     * The entry's {@code n} little-endian values at {@code position} as a c-ordered array of {@code shape}, read in
     * {@link #CHUNK_BYTES} pieces straight into the array's own buffer.
     */
    private static INDArray decode(FileChannel ch, long position, DataType dtype, long[] shape, int n,
                                   ByteBuffer chunk) throws IOException {
        if (n == 0) {
            return Nd4j.create(dtype, shape);
        }
        INDArray out = shape.length == 0 ? Nd4j.scalar(dtype, 0) : Nd4j.createUninitialized(dtype, shape);
        long bytes = (long) n * elementSize(dtype, "array");
        Buffer dst = nio(out);
        for (long done = 0; done < bytes; done += chunk.limit()) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), bytes - done));
            readFully(ch, chunk, position + done);
            chunk.flip();
            switch (dtype) {
                case FLOAT -> ((FloatBuffer) dst).put(chunk.asFloatBuffer());
                case DOUBLE -> ((DoubleBuffer) dst).put(chunk.asDoubleBuffer());
                case INT -> ((IntBuffer) dst).put(chunk.asIntBuffer());
                default -> ((LongBuffer) dst).put(chunk.asLongBuffer());
            }
        }
        return out;
    }

    /** The typed NIO view (native order, from element 0) of a dense array's whole buffer. */
    private static Buffer nio(INDArray a) {
        return switch (a.dataType()) {
            case FLOAT -> a.data().asNioFloat();
            case DOUBLE -> a.data().asNioDouble();
            case INT -> a.data().asNioInt();
            case LONG -> a.data().asNioLong();
            default -> throw new IllegalStateException(a.dataType().name());
        };
    }

    /** {@code length} bytes of {@code ch} from {@code position}, little-endian. */
    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, position);
        return b.flip();
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int r = ch.read(dst, at);
            if (r < 0) {
                throw new EOFException("file ended at byte offset " + at + " while reading it (changed during the load?)");
            }
            at += r;
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    /** Typed access to the parsed manifest; errors point at the manifest's start offset. */
    private static final class ManifestReader {
        private final Path path;

        ManifestReader(Path path) {
            this.path = path;
        }

        CheckpointFormatException error(String what) {
            return new CheckpointFormatException(path, HEADER_BYTES, "manifest: " + what);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(Object o, String what) throws CheckpointFormatException {
            if (!(o instanceof Map<?, ?>)) {
                throw error("expected " + what + " to be a JSON object");
            }
            return (Map<String, Object>) o;
        }

        long integer(Map<String, Object> m, String key) throws CheckpointFormatException {
            if (!(m.get(key) instanceof Long v)) {
                throw error("expected an integer '" + key + "' but found " + m.get(key));
            }
            return v;
        }
    }

    @Override
    public String toString() {
        return "Checkpoint(epoch=" + epoch + ", globalStep=" + globalStep + ", " + modelState.size() + " model entries, "
                + optimizerState.size() + " optimizer entries, optimizer=" + optimizerType + ", rng=" + rngStates.keySet()
                + (source == null ? "" : ", from " + source) + ")";
    }
}
