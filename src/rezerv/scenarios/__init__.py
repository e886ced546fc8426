"""Scenarios: the worlds the demo, the tests and the benchmarks build, from one set of pieces.

A scenario is data put into the database the way the application itself would put it: state
bodies and their posts, HR officers, persons with their questionnaires, campaigns of every
procedure, applications, commissions, scores, meetings, votes and decisions.  Every piece that
a service writes goes through that service (``rezerv.selection.services`` and friends), so the
checks and the audit apply as they do at the desk; only what no service creates — logins and
staff roles (``people``), state bodies, regions and posts (``bodies``) — is created directly,
and only in those two modules (``tests/test_layering.py`` holds them to it).

The modules, each of one purpose:

* ``people``: logins, HR officers, administrators, candidates (persons and questionnaires);
* ``bodies``: state bodies, units, posts, regions and districts;
* ``campaigns``: a campaign created and announced, its events, the move to assessment;
* ``applications``: applications with their uploads, admission and refusal, consents;
* ``commissions``: a commission and its members (``Seat``);
* ``scoring``: ballots and results;
* ``meetings``: meetings with attendance, votes, decisions;
* ``km``, ``tp``: the KM competition's and the TP cycle's own steps, shared by several worlds;
* ``checklists``, ``identifiers``, ``names``: pure data (the bundled regulations' checklists and
  criteria, valid СНИЛС and ИИН, Russian names) that also serves the engine-only benchmark;
* ``demo``: the demo of the five procedures (``manage.py seed_demo``).

Importing this package imports nothing: the pure modules work without Django.  Nothing in the
application imports ``rezerv.scenarios`` but the ``seed_demo`` command (``pyproject.toml``,
import-linter contracts).
"""
