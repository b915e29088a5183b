package io.snn4j.data;

/** Which part of a dataset: the training or the test split. */
public enum Split {
    TRAIN,
    TEST
}
