package io.snn4j.data.frames;

/** Interpolation used by {@link FrameResize} (PyTorch {@code F.interpolate} / torchvision semantics). */
public enum ResizeMode {
    /** {@code F.interpolate(mode='nearest')}: source index floor(dst · in / out). */
    NEAREST,
    /** {@code F.interpolate(mode='bilinear', align_corners=False)}, no anti-aliasing. */
    BILINEAR,
    /**
     * Bilinear with anti-aliasing ({@code torchvision.transforms.Resize} on tensors, antialias=True,
     * and PIL's bilinear filter): a triangle filter widened by the downscale factor. The default,
     * since TET-style CIFAR10-DVS pipelines resize 128→48 with {@code transforms.Resize}.
     */
    BILINEAR_ANTIALIAS
}
