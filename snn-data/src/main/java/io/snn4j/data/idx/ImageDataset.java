package io.snn4j.data.idx;

import io.snn4j.data.CorruptDataException;
import io.snn4j.data.Sample;
import io.snn4j.data.SampleSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * An in-memory labelled grey-scale image set from a pair of IDX files (MNIST / Fashion-MNIST);
 * samples are FLOAT [1, rows, cols] scaled to [0, 1] (pixel / 255).
 */
public final class ImageDataset implements SampleSource {
    private final IdxReader.Images images;
    private final byte[] labels;
    private final int numClasses;

    /**
     * Pairs images and labels.
     *
     * @throws CorruptDataException when the counts differ or a label is outside [0, numClasses)
     * @throws IllegalArgumentException when there are no images (nothing to train or test on)
     */
    public ImageDataset(IdxReader.Images images, byte[] labels, int numClasses, String labelSource) {
        if (images.count() == 0) {
            throw new IllegalArgumentException(labelSource + ": the dataset holds 0 images (the IDX files declare a count of 0)");
        }
        if (images.count() != labels.length) {
            throw new CorruptDataException(labelSource, 4, "a label count equal to the image count " + images.count(),
                    "label count " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i] & 0xFF;
            if (l >= numClasses) {
                throw new CorruptDataException(labelSource, 8 + i, "a label in [0, " + numClasses + ")", String.valueOf(l));
            }
        }
        this.images = images;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /** Loads an image file and a label file (each gzipped or raw). */
    public static ImageDataset load(Path imagesFile, Path labelsFile, int numClasses) throws IOException {
        return new ImageDataset(IdxReader.readImages(imagesFile), IdxReader.readLabels(labelsFile), numClasses, labelsFile.toString());
    }

    /** Loads from two streams (each gzipped or raw); names are used in error messages. */
    public static ImageDataset load(InputStream imagesIn, String imagesName, InputStream labelsIn, String labelsName,
                                    int numClasses) throws IOException {
        IdxReader.Images im = IdxReader.readImages(IdxReader.maybeGunzip(imagesIn, imagesName), imagesName);
        byte[] lb = IdxReader.readLabels(IdxReader.maybeGunzip(labelsIn, labelsName), labelsName);
        return new ImageDataset(im, lb, numClasses, labelsName);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** Image height. */
    public int rows() {
        return images.rows();
    }

    /** Image width. */
    public int cols() {
        return images.cols();
    }

    /** Label of sample i. */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** Raw unsigned pixel (0..255) of sample i at (r, c). */
    public int pixel(int i, int r, int c) {
        return images.pixels()[(i * images.rows() + r) * images.cols() + c] & 0xFF;
    }

    /** Sample i as pixels / 255 in a new float array, row-major. */
    public float[] pixels(int i) {
        int n = images.rows() * images.cols();
        float[] out = new float[n];
        byte[] px = images.pixels();
        int base = i * n;
        for (int k = 0; k < n; k++) {
            out[k] = (px[base + k] & 0xFF) / 255f;
        }
        return out;
    }

    @Override
    public Sample get(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size());
        }
        INDArray x = Nd4j.create(pixels(i), new long[] {1, images.rows(), images.cols()}, DataType.FLOAT);
        return new Sample(x, label(i));
    }
}
