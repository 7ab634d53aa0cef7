"""The version of voteanalysis (one place, read by the package, the CLI and the outputs)."""

__version__ = "0.1.0"
