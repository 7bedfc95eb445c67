"""What a change to customers is, without Textual: field rules and diffs (`fields`), the
journaled writes and their undo (`writes`), the undo journal (`journal`), CSV checks
(`csv_check`), bulk files (`bulk_file`) and export (`export`).

Nothing is imported here: each module loads when it is used.
"""
