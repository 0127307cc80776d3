"""The class store: students' anonymous answers counted per question, one vote per voter (pure Python)."""
