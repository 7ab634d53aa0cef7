"""Analysis: measures computed from a dataset into tidy tables.

Tallies and member histories (:mod:`.tally`, with each body's adoption rule in
:mod:`.rules`), agreement and alignment (:mod:`.agreement`), cohesion
(:mod:`.cohesion`), voting blocs (:mod:`.blocs`), ideal points (:mod:`.idealpoints`)
and datasets combined across bodies (:mod:`.combine`). Depends on the data layer
(:mod:`voteanalysis.io`) only; never draws.
"""
