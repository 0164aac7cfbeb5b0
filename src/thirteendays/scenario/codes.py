"""The catalogue of diagnostic codes: one place for severity, summary, an example and its fix.

``docs/diagnostics.md`` is checked against this table by a test, so the
documentation can never name a code the tools do not emit, or miss one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    summary: str
    example: str
    fix: str


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # --- reading the file --------------------------------------------------------------
        Code(
            "TD001", E, "YAML syntax error, empty file or not UTF-8", "title: [unclosed", "close the bracket"
        ),
        Code("TD002", E, "duplicate key in a mapping", "day: 2\nday: 3", "keep one of the keys"),
        Code(
            "TD003",
            E,
            "a tag or merge key that plain data does not allow",
            "id: !!python/object/apply:os.system [ls]",
            "write plain strings, numbers and lists",
        ),
        Code(
            "TD004",
            E,
            "the file is too large, too deep, or expands too much through aliases",
            "a: &a [*b, *b, ...] (a 'billion laughs' file)",
            "write the values out",
        ),
        Code(
            "TD005",
            E,
            "a character a scenario may not hold (control character, U+FFFE, lone surrogate),"
            " or a file the loader could not read as a scenario at all",
            'title: "The \\0 crisis"',
            "delete the character; write plain text",
        ),
        # --- the shape of the scenario ---------------------------------------------------
        Code(
            "TD010",
            E,
            "unknown key (usually a typo)",
            "efects: {world: 0.1}",
            "efects -> effects (the message suggests the closest key)",
        ),
        Code("TD011", E, "a required key is missing", "an option without 'stance'", "add stance: hold"),
        Code(
            "TD012",
            E,
            "a value of the wrong type or out of range (numbers must be finite and within ±1000;"
            " at most 64 flags)",
            "start: high",
            "start: 0.3",
        ),
        # --- references between parts ----------------------------------------------------
        Code(
            "TD020",
            E,
            "a name that is not declared (track, flag, side, event, option)",
            "set: [quarantne]",
            "set: [quarantine], and declare it under flags",
        ),
        Code("TD021", E, "an id used twice", "two events with id: ships", "give each its own id"),
        Code(
            "TD022",
            E,
            "a day, range, threshold or date that cannot be",
            "day: 9 in a 7-day scenario",
            "move the event or raise 'days'",
        ),
        Code(
            "TD024",
            E,
            "a hidden type, secret, intel or commitment that cannot work as written",
            "when: {resolve: {side: ussr, at_least: 0.6}} where ussr declares no hidden resolve",
            "declare sides.ussr.hidden: {resolve: {beta: [2, 2]}}, or name a side that has one",
        ),
        Code(
            "TD023",
            E,
            "the engine cannot run a scenario that otherwise validates (a bug: please report it)",
            "(no known example: the checks above are meant to catch everything first)",
            "report the file; meanwhile simplify the part the message names",
        ),
        # --- lint: what can never happen ---------------------------------------------------
        Code(
            "TD101",
            E,
            "an event can never fire: its condition can never be true",
            "when: {flag: ghost} where nothing sets ghost",
            "set the flag somewhere, or drop the condition",
        ),
        Code(
            "TD102",
            W,
            "an option can never be offered",
            "when: {chose: {event: later, option: x}} on an earlier day",
            "test something that can already have happened",
        ),
        Code(
            "TD103",
            W,
            "a flag is set but never read",
            "set: [alarm] with no condition on alarm",
            "read it in a condition, or stop setting it",
        ),
        Code(
            "TD104",
            E,
            "a flag is read but never set",
            "when: {flag: alarm} with nothing setting alarm",
            "set it in an option or incident",
        ),
        Code("TD105", W, "a flag is declared but never used", "flags: [spare]", "remove it"),
        Code(
            "TD106",
            W,
            "a track that nothing moves",
            "a track with no effects, coupling, drift or noise",
            "move it, or remove it",
        ),
        Code(
            "TD107",
            W,
            "an ending that no path reaches",
            "an ending after a catch-all ending",
            "put special endings before the catch-all, or loosen the condition",
        ),
        Code(
            "TD108",
            E,
            "no catch-all ending: every ending has a condition, so a game could end with none",
            "every ending has 'when'",
            "end the list with an ending without 'when'",
        ),
        Code(
            "TD109",
            W,
            "an option without a historical note or its source",
            "note: ''",
            "say what really happened, and name a source",
        ),
        Code(
            "TD110",
            W,
            "a day on which a side that has events has no decision",
            "no US event on day 4",
            "add an event, or note why the day is quiet",
        ),
        Code(
            "TD111",
            W,
            "text too long for the window",
            "an event text of 220 words",
            "keep event text under about 150 words, labels under 90 characters",
        ),
        Code(
            "TD112",
            W,
            "an option that changes nothing",
            "an option with no effects, flags, risk or end",
            "give it a consequence",
        ),
        Code(
            "TD113",
            INFO,
            "a simulated path never took this option (reachability unproven)",
            "an option only open after a rare incident",
            "run 'thirteendays test' for a full search",
        ),
        Code(
            "TD120",
            W,
            "two options of one event are marked historical",
            "options: [{id: a, historical: true, ...}, {id: b, historical: true, ...}]",
            "history took one course: keep `historical: true` on one option",
        ),
        Code(
            "TD121",
            W,
            "a track's warning mark is at or above its war mark",
            "us.military: {warn_at: 0.9, war_at: 0.85, ...}",
            "set warn_at below war_at so the warning comes before the war",
        ),
        Code(
            "TD122",
            W,
            "a day declared quiet for a side on which that side has an event",
            "ussr: {quiet_days: [3], ...} and an event with side: ussr, day: 3",
            "drop the day from quiet_days, or move the event",
        ),
        Code(
            "TD123",
            W,
            "an option or incident both sets and clears the same flag",
            "set: [quarantine]\nclear: [quarantine]",
            "keep the flag in one of `set` or `clear`",
        ),
        Code(
            "TD124",
            W,
            "defcon_at_most is used but the model declares no DEFCON",
            "when: {defcon_at_most: 2} in a scenario without model.defcon",
            "add model.defcon: a start level that options set, and/or a track and its thresholds",
        ),
        Code(
            "TD125",
            W,
            "a condition that contradicts itself and can never hold",
            "when: {all: [{flag: strike}, {not: {flag: strike}}]}",
            "remove the contradiction (or the condition)",
        ),
        Code(
            "TD126",
            W,
            "a track's incoming coupling is above the runaway bound (about 0.1 a day)",
            "coupling: {us.military: {ussr.military: 0.4}}",
            "keep each weight around 0.02–0.06 and their sum under 0.1, or add decay",
        ),
        Code(
            "TD127",
            W,
            "an event or incident without a historical note or its source",
            "an event with no `note:` or no `source:`",
            "say what really happened, and name the book or archive it comes from",
        ),
        Code(
            "TD128",
            W,
            "a text variant whose condition can never hold where the text is shown",
            "text: [{when: {chose: {event: later-event, option: x}}, text: ...}, {text: ...}]",
            "test something that can have happened by then, or remove the variant",
        ),
        Code(
            "TD129",
            W,
            "an ending that claims history can be reached off history's path",
            "history_requires: {not: {flag: strike}} and an ending with claims_history: true, "
            "when: {flag: withdrawal}",
            "exclude every path history rules out in the ending's `when`: "
            "{all: [{flag: withdrawal}, {not: {flag: strike}}]}",
        ),
        Code(
            "TD130",
            W,
            "a condition shows a side what only the other side knows (its resolve or a secret flag)",
            "an American option with when: {flag: warheads}, where warheads is a Soviet secret",
            "test a fact both sides can see, or give the decision to the side that knows",
        ),
        Code(
            "TD131",
            W,
            "a politics rule that can never fire, or a removed ending no rule reaches",
            "politics: {ussr: [{id: purge, when: {flag: never_set}, remove: {ending: removed}, ...}]}",
            "test a track level or a flag that can be reached, or drop the rule",
        ),
        Code(
            "TD132",
            W,
            "a politics `close` that shuts every option of one of the side's decisions",
            "close: {stances: [concede, hold, escalate]}",
            "close fewer stances, or name the options to close",
        ),
    ]
}
