package io.snn4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One labelled example: a FLOAT tensor ([C, H, W] for images, [T, C, H, W] for event frames) and its class. */
public record Sample(INDArray x, int label) {
}
