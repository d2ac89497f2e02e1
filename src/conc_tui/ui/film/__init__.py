"""The app filming itself: the autopilot, the tour, asciicast recording and the screenshots."""
