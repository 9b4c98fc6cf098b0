// The cz_report handle: one definition for every C API source that takes a report
// (report.cpp creates and walks it, reconcile.cpp and scoring.cpp read it).
#pragma once

#include "caizheng/report.hpp"

struct cz_report {
    caizheng::report model;
};
