"""The one exception hierarchy of newsline."""


class NewslineError(Exception):
    """Root of every error newsline raises on purpose."""


class InputError(NewslineError):
    """Bad input: unreadable, empty, non-UTF-8, malformed, or without a date.

    The message is one line that names the file (``path``) and the problem.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class OutputError(NewslineError):
    """An output path that cannot be written: a missing folder, a folder given for a file,
    no permission. The message is one line that names the path and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ModelError(NewslineError):
    """A model newsline needs is missing or unreadable (e.g. the spaCy model package)."""
