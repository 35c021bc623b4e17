-- The review permission is granted with the relationship scope review_unit (the cases this unit
-- pre-reviews). The service checked exactly that by hand before, whatever scope a role held, so
-- every grant of it is converted as is.
UPDATE role_permissions SET scope = 'review_unit' WHERE perm_code = 'cases:case:review';
