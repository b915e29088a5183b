package io.snn4j.data.datasets;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Split;
import io.snn4j.data.TestFiles;
import io.snn4j.data.events.AedatFixturesAccess;
import io.snn4j.data.frames.SplitMethod;
import io.snn4j.data.idx.IdxReader;
import io.snn4j.data.idx.ImageDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Dataset readers never read outside their root, and an empty split is an error, not a NaN loss. */
class DatasetRootTest {
    @TempDir
    Path dir;

    static final FrameConfig CFG = FrameConfig.of(2, SplitMethod.BY_TIME);

    private Path gestureRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("DvsGesture"));
        ByteBuffer b = ByteBuffer.allocate(28 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).putShort((short) 0).putInt(8).putInt(4).putInt(0).putInt(1).putInt(1).putInt(1);
        b.putInt((5 << 17) | (3 << 2) | 1).putInt(10);
        byte[] header = "#!AER-DAT3.1\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] rec = AedatFixturesAccess.concat(header, b.array());
        Files.write(root.resolve("user01_led.aedat"), rec);
        Files.writeString(root.resolve("user01_led_labels.csv"), "class,startTime_usec,endTime_usec\n1,0,100\n");
        // the same recording outside the root
        Files.write(dir.resolve("outside.aedat"), rec);
        Files.writeString(dir.resolve("outside_labels.csv"), "class,startTime_usec,endTime_usec\n1,0,100\n");
        return root;
    }

    @Test
    void gestureTrialListsWithParentOrAbsolutePathsAreRejectedNamingLineOffset() throws Exception {
        Path root = gestureRoot();
        Path list = root.resolve("trials_to_train.txt");
        Files.writeString(list, "user01_led.aedat\n../outside.aedat\n");
        CorruptDataException up = assertThrows(CorruptDataException.class, () -> DvsGestureFolder.open(root, Split.TRAIN, CFG, null));
        assertEquals(list.toString(), up.source());
        assertEquals("user01_led.aedat\n".length(), up.offset());
        assertTrue(up.getMessage().contains("\"../outside.aedat\""), up.getMessage());

        Files.writeString(list, dir.resolve("outside.aedat").toAbsolutePath() + "\n");
        CorruptDataException abs = assertThrows(CorruptDataException.class, () -> DvsGestureFolder.open(root, Split.TRAIN, CFG, null));
        assertEquals(0, abs.offset());
        Files.writeString(list, "sub/../../outside.aedat\n");
        assertThrows(CorruptDataException.class, () -> DvsGestureFolder.open(root, Split.TRAIN, CFG, null));

        Files.writeString(list, "user01_led.aedat\n");
        assertEquals(1, DvsGestureFolder.open(root, Split.TRAIN, CFG, null).size());
    }

    @Test
    void symbolicLinksOutOfTheRootAreRejected() throws Exception {
        Path root = gestureRoot();
        // a trial list that is a link to a file outside the root
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret line\n");
        Files.createSymbolicLink(root.resolve("trials_to_train.txt"), secret);
        CorruptDataException list = assertThrows(CorruptDataException.class, () -> DvsGestureFolder.open(root, Split.TRAIN, CFG, null));
        assertFalse(list.getMessage().contains("top secret"), list.getMessage());
        assertTrue(list.getMessage().contains("outside") || list.getMessage().contains("resolves to"), list.getMessage());
        // a listed recording that links out of the root
        Files.delete(root.resolve("trials_to_train.txt"));
        Files.writeString(root.resolve("trials_to_train.txt"), "user02_led.aedat\n");
        Files.createSymbolicLink(root.resolve("user02_led.aedat"), dir.resolve("outside.aedat"));
        Files.copy(root.resolve("user01_led_labels.csv"), root.resolve("user02_led_labels.csv"));
        CorruptDataException rec = assertThrows(CorruptDataException.class, () -> DvsGestureFolder.open(root, Split.TRAIN, CFG, null));
        assertEquals(root.resolve("user02_led.aedat").toString(), rec.source());
        // a link that stays inside the root is fine
        Files.delete(root.resolve("user02_led.aedat"));
        Files.createSymbolicLink(root.resolve("user02_led.aedat"), root.resolve("user01_led.aedat"));
        assertEquals(1, DvsGestureFolder.open(root, Split.TRAIN, CFG, null).size());
    }

    @Test
    void classFolderLinksAndFileLinksOutOfAnNMnistRootAreRejected() throws Exception {
        Path root = dir.resolve("NMNIST");
        for (int d = 0; d < 10; d++) {
            Files.createDirectories(root.resolve("Train").resolve(String.valueOf(d)));
        }
        Path sample = TestFiles.resource("nmnist-sample.bin", dir);
        Files.createSymbolicLink(root.resolve("Train/4/00001.bin"), sample);
        assertThrows(CorruptDataException.class, () -> NMnistFolder.open(root, Split.TRAIN, CFG, null));
        Files.delete(root.resolve("Train/4/00001.bin"));
        Files.delete(root.resolve("Train/4"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(sample, elsewhere.resolve("00001.bin"));
        Files.createSymbolicLink(root.resolve("Train/4"), elsewhere);
        assertThrows(CorruptDataException.class, () -> NMnistFolder.open(root, Split.TRAIN, CFG, null));
        // a root that is itself a link is fine: its real path is the root
        Files.delete(root.resolve("Train/4"));
        Files.createDirectories(root.resolve("Train/4"));
        Files.copy(sample, root.resolve("Train/4/00001.bin"));
        Path link = Files.createSymbolicLink(dir.resolve("nmnist-link"), root);
        assertEquals(1, NMnistFolder.open(link, Split.TRAIN, CFG, null).size());
    }

    @Test
    void emptySplitsAreRejectedByTheDatasetsWithAClearMessage() throws Exception {
        Path root = dir.resolve("NMNIST");
        for (int d = 0; d < 10; d++) {
            Files.createDirectories(root.resolve("Train").resolve(String.valueOf(d)));
        }
        IllegalArgumentException nm = assertThrows(IllegalArgumentException.class, () -> NMnistFolder.open(root, Split.TRAIN, CFG, null));
        assertTrue(nm.getMessage().contains("no samples") && nm.getMessage().contains(root.resolve("Train").toString()), nm.getMessage());

        Path gesture = gestureRoot();
        Files.writeString(gesture.resolve("trials_to_train.txt"), "\n\n");
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> DvsGestureFolder.open(gesture, Split.TRAIN, CFG, null));
        assertTrue(g.getMessage().contains("no samples"), g.getMessage());

        Path cifar = dir.resolve("CIFAR10DVS");
        for (String c : Cifar10DvsFolder.CLASSES) {
            Files.createDirectories(cifar.resolve(c));
        }
        assertThrows(IllegalArgumentException.class, () -> Cifar10DvsFolder.open(cifar, Split.TRAIN, 0, CFG, null));
        Path caltech = Files.createDirectories(dir.resolve("Caltech/airplanes"));
        assertThrows(IllegalArgumentException.class,
                () -> NCaltech101Folder.open(caltech.getParent(), Split.TRAIN, 0.9, 0, CFG, null));

        IdxReader.Images none = new IdxReader.Images(0, 28, 28, new byte[0]);
        IllegalArgumentException idx = assertThrows(IllegalArgumentException.class, () -> new ImageDataset(none, new byte[0], 10, "labels.idx"));
        assertTrue(idx.getMessage().contains("labels.idx") && idx.getMessage().contains("0 images"), idx.getMessage());
    }
}
