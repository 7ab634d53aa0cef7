"""Data in: every way a vote record enters the kit.

``read_dataset``/``load_dataset`` dispatch to the kit's own layout (:mod:`.kit`),
users' spreadsheets (:mod:`.spreadsheet`, opened safely by :mod:`.workbook`, their
position codes in :mod:`.codes`; both assemble their tables through :mod:`.tables`
and open a CSV the one way :mod:`.workbook` does), pasted vote lists (:mod:`.textparse`), and the
bundled UN records (:mod:`.unga`, :mod:`.undl`, :mod:`.unsc`, :mod:`.hrc`).
Member names and ids are in :mod:`.names`; where the bundled files are, in
:mod:`.paths`. Nothing here imports the analysis, plots or outputs.
"""

from .kit import load_dataset, read_dataset
from .paths import data_dir

__all__ = ["data_dir", "load_dataset", "read_dataset"]
