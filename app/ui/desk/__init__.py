"""The certification instructor's desk: the pages an instructor reaches from the menu
once the desk is unlocked.

Every desk page is a `Page` of the main window registered under a name that starts
with "desk" ("desk", "desk-trainee", "desk-attempt", "desk-decision", "desk-import",
"desk-analytics"); the desk's lock stands in front of all of them. While the desk is
unlocked the window's `instructor` is the name of the instructor who unlocked it
(None while locked): pages read it to say who commented or decided. Each module here
registers its own pages with a `register(window)` function, and `install(window)`
registers them all, so the trainee's window knows the desk by one call.
"""
