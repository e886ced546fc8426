"""Online assessment (issue 11): question banks, test sessions taken in the browser, scoring
into the engine's test method, per-question statistics."""
