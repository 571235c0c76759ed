#!/usr/bin/python3
"""Runs the ONNX checker (full check) and strict shape inference over every .onnx file in a folder.

Usage: /usr/bin/python3 benchmarks/onnx/check_models.py DIR

Uses Debian's python3-onnx (1.12 on Debian 12, which checks opsets up to 17). Not a CI step: the exporter's CI
tests run the files on ONNX Runtime; this is the independent validity check of the format itself. Exits 1 when
any file fails.
"""
import pathlib
import sys

import onnx
from onnx import shape_inference


def check(path: pathlib.Path) -> str | None:
    try:
        model = onnx.load(str(path))
        onnx.checker.check_model(model, full_check=True)
        inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
        # Every declared output's inferred type must agree with the declaration (element type and rank).
        declared = {o.name: o.type.tensor_type for o in model.graph.output}
        for output in inferred.graph.output:
            d = declared[output.name]
            if d.elem_type != output.type.tensor_type.elem_type or len(d.shape.dim) != len(output.type.tensor_type.shape.dim):
                return f"output {output.name}: declared and inferred types differ"
        return None
    except Exception as error:  # the checker raises several exception types
        return f"{type(error).__name__}: {str(error).strip().splitlines()[0]}"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    folder = pathlib.Path(sys.argv[1])
    files = sorted(folder.glob("*.onnx"))
    if not files:
        print(f"no .onnx files in {folder}")
        return 1
    print(f"onnx {onnx.__version__}, checker full_check + strict shape inference, {len(files)} files in {folder}")
    failures = 0
    for path in files:
        model = onnx.load(str(path))
        opset = max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
        problem = check(path)
        failures += problem is not None
        print(f"{'FAIL' if problem else 'ok  '}  {path.name}  (ir {model.ir_version}, opset {opset}, {len(model.graph.node)} nodes)"
              + (f"\n      {problem}" if problem else ""))
    print(f"{len(files) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
