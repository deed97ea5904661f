"""Pure domain core: no Django imports. Plain frozen dataclasses in and out."""
