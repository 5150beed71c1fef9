import pytest

from tealeaves.nlp import load_model


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole test session."""
    return load_model()
