"""Practice between conversations: the exercises, the self-check questionnaires, and the service that
keeps a profile's runs, results, progress and reminders (``service.Practice``)."""
