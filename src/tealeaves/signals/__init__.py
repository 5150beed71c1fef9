"""What each statement signals: codes, modifiers, targets and topics, and the sentence encoder."""
