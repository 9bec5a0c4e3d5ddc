"""The classroom: a facilitator's console on the laptop and the room's view on the
projector, over one group session (`alongside.engine.classroom`).

`driver` runs the class's session and commits each step; `audience` is the
room's view, `console` the facilitator's page in the main window, `screens`
puts the room's view on its screen and follows projectors coming and going,
`start` is the way in (the library's "Present to a class…", F5, and
`--presenter`), and `debrief` the discussion after class.
"""
