"""Who may publish what: staff sign-in, approvals, patient authorizations and the staff policy.

No Qt and no command line here: the window, the commands and the scheduler all call these
services, so each rule is decided in one place (:mod:`clinicstudio.governance.release` is the
one gate every publication goes through).
"""
