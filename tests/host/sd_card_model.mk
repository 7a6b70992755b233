# The software SD card (sd_card_model.c) on its own, command by command
# (test_sd_card_model.c); the MMC core's and host models' tests link it too.
HOST_TESTS += sd_card_model
sd_card_model_SRCS := tests/host/sd_card_model.c tests/host/test_sd_card_model.c
