-- An account may be valid until a moment (a review expert's account ends with the review):
-- after it the account cannot sign in and its sessions end. NULL = no end.
ALTER TABLE users ADD COLUMN valid_until BIGINT;
