"""nqtrack: follow an action programme's targets, tasks and reviews."""
