"""Answer cells shared by ps07 samples."""

RIGHT_ATTRIBUTION = '''
attribution = {
    "F1": {"party": "customer", "layer": "guest-os"},
    "F2": {"party": "customer", "layer": "identities"},
    "F3": {"party": "customer", "layer": "configuration"},
    "F4": {"party": "provider", "layer": "virtualization"},
    "F5": {"party": "customer", "layer": "network-controls"},
    "F6": {"party": "provider", "layer": "datacenter"},
    "F7": {"party": "customer", "layer": "application"},
}
'''
