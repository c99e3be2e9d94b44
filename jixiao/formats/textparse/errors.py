"""Why a text is not read as a form."""


class NotAForm(Exception):
    """The text lacks what every form has (its labels, its year). ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
