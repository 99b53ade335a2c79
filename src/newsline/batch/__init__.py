"""Running the pipeline over many documents: in batches for ``ingest``, and over a process
pool or Apache Spark for ``newsline batch``."""
