"""Where uploads and issued documents live: the local disk, or an S3-compatible bucket.

A bucket (MinIO, Garage, AWS S3) lets several web machines and task workers share the files.
It is private: objects carry no ACL of their own (the bucket's private default applies), and any
URL the storage gives out is signed and expires; Sigap's views stream files after their
permission checks in any case, so no URL of a bucket object ever reaches a browser.
Imported here by the settings: no Django models, no app registry.
"""


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key: str = "",
    secret_key: str = "",
    prefix: str = "",
    url_seconds: int = 300,
    addressing_style: str = "path",
) -> dict:
    """The STORAGES["default"] entry of django-storages' S3 backend, private."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            # Empty: boto3 finds them itself (AWS_* variables, instance role).
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "location": prefix,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": url_seconds,
            # SigV4: what MinIO and Garage accept, and the only one with a real expiry.
            "signature_version": "s3v4",
            # Two uploads of the same name never overwrite each other.
            "file_overwrite": False,
            # MinIO and Garage answer on one host name: path-style addressing.
            "addressing_style": addressing_style,
        },
    }
