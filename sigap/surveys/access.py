"""Who reads the SKM report and who enters the figures it needs, for the pages and the API."""

from sigap.accounts.roles import Role

SKM_READ_ROLES = (
    Role.HEAD_OF_OFFICE,
    Role.HEAD_OF_DIVISION,
    Role.SECTION_HEAD,
    Role.COMPLAINTS_OFFICER,
    Role.CUSTOMER_SERVICE,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
)
SKM_MANAGE_ROLES = (Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION, Role.ADMINISTRATOR)
