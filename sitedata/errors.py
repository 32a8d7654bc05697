"""The one error type a data mistake raises: it names the file, the item and the fix."""


class DataError(ValueError):
    """Bad data in ``data/``. The build stops and prints this message."""

    def __init__(self, file: str, item: str, problem: str, fix: str):
        self.file, self.item, self.problem, self.fix = file, item, problem, fix
        super().__init__(f"{file}: {item}: {problem}. Fix: {fix}")
