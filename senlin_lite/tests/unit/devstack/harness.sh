#!/bin/bash
# Stand-ins for the devstack functions senlin_lite's devstack plugin
# calls, for senlin_lite/tests/unit/devstack. Each records its call in
# $HARNESS_CALLS; iniset writes a real ini file. Not devstack: only enough
# of its behaviour to test our scripts.
#
# Expects HARNESS_DIR (scratch directory), HARNESS_CALLS and
# SENLIN_LITE_DIR in the environment.

DEST=$HARNESS_DIR/opt
STACK_USER=$(id -un)
SERVICE_HOST=127.0.0.1
SERVICE_PROTOCOL=http
ENABLE_DEBUG_LOG_LEVEL=True
KEYSTONE_SERVICE_URI=http://127.0.0.1/identity
SERVICE_PASSWORD=service-secret
SERVICE_DOMAIN_NAME=Default
SERVICE_PROJECT_NAME=service
REGION_NAME=RegionOne
SERVICE_TIMEOUT=60
TEMPEST_CONFIG=$HARNESS_DIR/tempest.conf
SENLIN_LITE_CONF_DIR=$HARNESS_DIR/etc/senlin_lite
HARNESS_ENABLED=" keystone tempest "

function _record {
    echo "$*" >> "$HARNESS_CALLS"
}

function define_plugin { _record define_plugin "$@"; }
function echo_summary { _record echo_summary "$@"; }
function die { _record die "$@"; exit 1; }
function get_python_exec_prefix { echo "$HARNESS_DIR/bin"; }
function setup_develop { _record setup_develop "$@"; }
function setup_logging { _record setup_logging "$@"; }
function recreate_database { _record recreate_database "$@"; }
function create_service_user { _record create_service_user "$@"; }
function get_or_create_service { _record get_or_create_service "$@"; }
function get_or_create_endpoint { _record get_or_create_endpoint "$@"; }
function run_process { _record run_process "$@"; }
function stop_process { _record stop_process "$@"; }
function wait_for_service { _record wait_for_service "$@"; }
function remove_uwsgi_config { _record remove_uwsgi_config "$@"; }
function sudo { "$@"; }

function enable_service {
    local service
    for service in "$@"; do
        HARNESS_ENABLED="$HARNESS_ENABLED$service "
    done
}

function is_service_enabled {
    local service
    for service in "$@"; do
        if [[ "$HARNESS_ENABLED" == *" $service "* ]]; then
            return 0
        fi
    done
    return 1
}

# iniset FILE SECTION OPTION VALUE, as devstack's: create or replace.
function iniset {
    python3 - "$@" <<'PY'
import configparser
import os
import sys

path, section, option, value = sys.argv[1:5]
parser = configparser.RawConfigParser()
parser.optionxform = str
if os.path.exists(path):
    parser.read(path)
if section != 'DEFAULT' and not parser.has_section(section):
    parser.add_section(section)
parser.set(section, option, value)
with open(path, 'w') as f:
    parser.write(f)
PY
}

function iniset_rpc_backend {
    iniset "$2" DEFAULT transport_url \
        "rabbit://stackrabbit:secret@127.0.0.1:5672/"
}

function database_connection_url {
    echo "mysql+pymysql://root:secret@127.0.0.1/$1?charset=utf8"
}

function configure_keystone_authtoken_middleware {
    local conf=$1 user=$2 section=${3:-keystone_authtoken}
    iniset "$conf" "$section" auth_type password
    iniset "$conf" "$section" interface public
    iniset "$conf" "$section" auth_url "$KEYSTONE_SERVICE_URI"
    iniset "$conf" "$section" username "$user"
    iniset "$conf" "$section" password "$SERVICE_PASSWORD"
    iniset "$conf" "$section" user_domain_name "$SERVICE_DOMAIN_NAME"
    iniset "$conf" "$section" project_name "$SERVICE_PROJECT_NAME"
    iniset "$conf" "$section" project_domain_name "$SERVICE_DOMAIN_NAME"
    iniset "$conf" "$section" www_authenticate_uri "$KEYSTONE_SERVICE_URI"
}

function write_uwsgi_config {
    _record write_uwsgi_config "$@"
    printf '[uwsgi]\nmodule = %s\n' "$2" > "$1"
}

mkdir -p "$HARNESS_DIR/bin"
printf '#!/bin/sh\necho senlin-lite-manage "$@" >> "%s"\n' \
    "$HARNESS_CALLS" > "$HARNESS_DIR/bin/senlin-lite-manage"
chmod +x "$HARNESS_DIR/bin/senlin-lite-manage"
