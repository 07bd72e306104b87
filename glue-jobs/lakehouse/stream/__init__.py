"""The vitals stream: the early-warning score now; the streaming transform and job are to follow."""
