"""nrgame: quizzes and board scenarios on responsible digital for French local authorities."""

__version__ = "0.1.0"
