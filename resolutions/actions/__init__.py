"""Every change of the resolutions: papers (writing, sponsoring, signing), drafts (introduction, the
draft on the screens, THIMUN's debate time), amendments, and voting procedure on drafts."""
