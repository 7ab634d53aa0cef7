"""Plots: charts drawn from a dataset or from a table the analysis computed.

Seaborn-like functions (data first, ``ax=``, return the Axes). They compute nothing
of their own beyond layout: every number they draw comes from :mod:`voteanalysis.analysis`.
Importing this folder is what loads matplotlib.
"""
