// caizheng — the whole C++ API. Include what you need, or this.
#pragma once

#include "caizheng/decimal.hpp"
#include "caizheng/error.hpp"
#include "caizheng/money.hpp"
#include "caizheng/parse.hpp"
#include "caizheng/percent.hpp"
#include "caizheng/rounding.hpp"
#include "caizheng/tail.hpp"
#include "caizheng/version.hpp"
