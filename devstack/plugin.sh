#!/bin/bash
#
# devstack plugin of senlin_lite: enable it in local.conf with
#
#   enable_plugin senlin-lite <git url of senlin_lite> [branch]
#
# devstack calls this file with a mode and a phase ("stack install",
# "stack post-config", ...); the work is done by devstack/lib/senlin_lite.

_SL_XTRACE=$(set +o | grep xtrace)
set +o xtrace

source "$SENLIN_LITE_DIR/devstack/lib/senlin_lite"

if is_service_enabled senlin-lite-api senlin-lite-engine; then
    if [[ "$1" == "stack" && "$2" == "install" ]]; then
        echo_summary "Installing senlin_lite"
        install_senlin_lite
    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        echo_summary "Configuring senlin_lite"
        configure_senlin_lite
        if is_service_enabled keystone; then
            create_senlin_lite_accounts
        fi
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        echo_summary "Initialising and starting senlin_lite"
        init_senlin_lite
        start_senlin_lite
    elif [[ "$1" == "stack" && "$2" == "test-config" ]]; then
        if is_service_enabled tempest; then
            echo_summary "Configuring tempest for senlin_lite"
            configure_tempest_for_senlin_lite
        fi
    fi

    if [[ "$1" == "unstack" ]]; then
        stop_senlin_lite
    fi

    if [[ "$1" == "clean" ]]; then
        cleanup_senlin_lite
    fi
fi

$_SL_XTRACE
