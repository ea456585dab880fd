-- 0020 asked after a meeting (issue 21, point 4): when someone who came
-- was asked how it went (a reflection, and after a hard meeting a
-- check-in), so that everyone recorded as attending is asked once, after
-- the meeting ends, whether their attendance was recorded before or after
-- (app/voice.c's app_after_meetings, run by the care worker).
ALTER TABLE meeting_replies ADD COLUMN asked_after BIGINT;
