"""Written works (TP-8, AK-9, KM-22, KM-23): submitted in the candidate's account, checked against
the regulation's limits (``Method.work``), shown to scorers under a code, compared for similarity."""
