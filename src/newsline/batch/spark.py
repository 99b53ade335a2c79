"""The ``spark`` engine of ``newsline batch``: the same pipeline on Apache Spark (PySpark).

Input files are read by Spark (``binaryFile`` for text, TimeML, JSON/JSONL and HTML,
parsed on the executors by newsline's own readers; Parquet natively, split across tasks) and
annotated in ``mapInArrow``: each Python worker loads the pipeline once and turns every
partition's Arrow batches into rows of :data:`~newsline.batch.rows.SCHEMA`. The result is
written with Spark's Parquet writer: ``--out`` is a folder of part files, as Spark writes
it. With no master configured (no ``spark-submit``, no ``spark.master``) Spark runs locally
on ``--workers`` cores; under ``spark-submit --master …`` the same command runs on a cluster.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import PurePosixPath
from typing import Any

import pyarrow as pa

from newsline.batch.inputs import PARQUET, file_documents, record_document
from newsline.batch.rows import SCHEMA, annotate_to_batch
from newsline.documents.readers import SUPPORTED_EXTENSIONS
from newsline.errors import InputError, NewslineError
from newsline.store.ingestion import batched

#: Documents annotated (and rows yielded) at a time inside a partition.
CHUNK = 16
_RECORD_COLUMNS = ("text", "date", "published", "id", "title", "url", "source")
_GLOB = "*.{" + ",".join(ext.lstrip(".") for ext in SUPPORTED_EXTENSIONS) + "}"


def _annotated(docs: Iterable[Any], only: str | None, keep_going: bool
               ) -> Iterator[pa.RecordBatch]:
    def good() -> Iterator[Any]:
        for item in docs:
            if isinstance(item, InputError):
                if not keep_going:
                    raise item
                print(f"newsline: skipped {item}", file=sys.stderr)
                continue
            yield item

    for chunk in batched(good(), CHUNK):
        yield annotate_to_batch(chunk, only)


def _files_partition(batches: Iterator[pa.RecordBatch], dct: str | None, only: str | None,
                     keep_going: bool) -> Iterator[pa.RecordBatch]:
    """Rows of the files (``path``, ``content``) of one partition."""
    def docs() -> Iterator[Any]:
        for batch in batches:
            for row in batch.to_pylist():
                yield from file_documents(row["path"], row["content"], dct)

    yield from _annotated(docs(), only, keep_going)


def _records_partition(batches: Iterator[pa.RecordBatch], dct: str | None, only: str | None,
                       keep_going: bool) -> Iterator[pa.RecordBatch]:
    """Rows of the Parquet records of one partition (with their file and row index)."""
    def docs() -> Iterator[Any]:
        for batch in batches:
            for row in batch.to_pylist():
                name = row.pop("_file")
                default = f"{PurePosixPath(name).stem}:{row.pop('_row') + 1}"
                try:
                    yield record_document(row, name, default, dct)
                except InputError as err:
                    yield err

    yield from _annotated(docs(), only, keep_going)


def spark_session(workers: int | None = None) -> Any:
    """The active Spark session, or a local one on ``workers`` cores (2 by default) when no
    master is configured."""
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsline batch")
    if not SparkConf().contains("spark.master"):  # local: the workers run this Python
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.master(f"local[{workers or 2}]").config("spark.ui.enabled", "false")
    if not sys.stderr.isatty():
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _error(err: Exception) -> NewslineError:
    """The one-line newsline error inside a failed Spark job's message."""
    for line in str(err).splitlines():
        if "newsline.errors.InputError: " in line:
            return InputError(*line.split("newsline.errors.InputError: ", 1)[1].split(": ", 1))
    return NewslineError(f"the Spark job failed: {str(err).splitlines()[0][:300]}")


def run_spark(paths: list[str], out: str, workers: int | None = None,
              only: str | None = None, dct: str | None = None,
              keep_going: bool = False) -> int:
    """Annotate the inputs on Spark and write their rows (one per document) as Parquet to
    the folder ``out``; returns the number of documents written."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from newsline.documents._common import resolve_dct

    dct = resolve_dct(dct)
    spark = spark_session(workers)
    schema = from_arrow_schema(SCHEMA)
    frames = []
    files = [p for p in paths if not p.lower().endswith(PARQUET)]
    tables = [p for p in paths if p.lower().endswith(PARQUET)]
    if files:
        raw = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
               .option("pathGlobFilter", _GLOB).load(files).select("path", "content")
               .orderBy("path"))
        frames.append(raw.mapInArrow(partial(_files_partition, dct=dct, only=only,
                                             keep_going=keep_going), schema))
    if tables:
        data = spark.read.parquet(*tables)
        columns = [F.col(c) for c in _RECORD_COLUMNS if c in data.columns]
        records = data.select(*columns, F.col("_metadata.file_path").alias("_file"),
                              F.col("_metadata.row_index").alias("_row"))
        frames.append(records.mapInArrow(partial(_records_partition, dct=dct, only=only,
                                                 keep_going=keep_going), schema))
    result = frames[0]
    for frame in frames[1:]:
        result = result.unionByName(frame)
    try:
        result.write.mode("overwrite").parquet(out)
    except Exception as err:  # a Py4J/Spark error: report newsline's own message
        raise _error(err) from None
    return spark.read.parquet(out).count()
