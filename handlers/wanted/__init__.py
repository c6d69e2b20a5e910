"""Wanted persons (通缉): officers' photo cards and the public notices (通缉令) made from them."""
