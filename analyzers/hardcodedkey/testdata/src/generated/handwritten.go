package generated

var handToken = "ghp_VaP3RjdmSlPUxYu3JvQvB7KUdDWdM8TVWzZR" // want `gitleaks rule github-pat in "handToken"`
