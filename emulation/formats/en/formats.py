# English pages keep the Vietnamese formats (22/03/2018, 9,5): the documents and data are Vietnamese.
from emulation.formats.vi.formats import *  # noqa: F403
