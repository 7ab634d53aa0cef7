"""Outputs: files and views made from charts and tables.

The chart gallery (:mod:`.gallery`), the self-contained HTML report (:mod:`.report`),
Excel and CSV export (:mod:`.export`) and the interactive explorer (:mod:`.explorer`).
Every file goes through :mod:`voteanalysis.safewrite`.
"""
